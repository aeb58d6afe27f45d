//! Drives and shared folders mounted inside the output or the working folder.
//!
//! A mount is not a symbolic link, and mounting changes no folder's change time, so
//! neither the look for links inside the output (`folders`, which would take a settled
//! folder's recorded contents for what a share mounted over it holds) nor the removal
//! of stale files would see it: the swap would publish the new site without the share,
//! and the build after, working in the old output, would delete the share's files and
//! write the site into it. So a build is refused, before anything is written, when a
//! file system is mounted anywhere below the output or the working folder.
//!
//! On Linux the mounts are read from `/proc/self/mountinfo` (the mounts this process
//! sees, bind mounts and FUSE mounts such as `sshfs` or `rclone mount` included); where
//! it cannot be read, and on other systems, nothing is checked.

use anyhow::{Result, bail};
use std::path::{Path, PathBuf};

/// Refuses to go on when a file system is mounted below `out` or at or below `work`
/// (both absolute, as `Writer::begin` resolved them).
pub(super) fn refuse_mounts(out: &Path, work: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    if let Ok(text) = std::fs::read("/proc/self/mountinfo") {
        return refuse_in(&mount_points(&text), out, work);
    }
    let _ = (out, work);
    Ok(())
}

/// [`refuse_mounts`] with the mount points `mounts`.
fn refuse_in(mounts: &[PathBuf], out: &Path, work: &Path) -> Result<()> {
    use crate::diagnostic::{Newlines, for_terminal};
    let show = |p: &Path| for_terminal(&p.to_string_lossy(), Newlines::Escape).into_owned();
    if let Some(m) = mounts.iter().find(|m| m.starts_with(out) && *m != out) {
        bail!(
            "`{}` inside the output folder `{}` is another drive or shared folder mounted there: sinew replaces the whole output folder on every build, so the new site would be published without it, and the build after would delete its files. Unmount it (`umount`, or `fusermount -u` for sshfs or rclone), then put those files in the site's `static/` folder or have your web server serve them from where they are",
            show(m),
            show(out),
        );
    }
    if let Some(m) = mounts.iter().find(|m| m.starts_with(work)) {
        bail!(
            "`{}` is another drive or shared folder mounted in sinew's hidden working folder `{}`, where sinew deletes every file the new site does not have: unmount it (`umount`, or `fusermount -u` for sshfs or rclone) and build again",
            show(m),
            show(work),
        );
    }
    Ok(())
}

/// The mount points listed in the text of a `mountinfo` file: the fifth field of each
/// line, with its escaped bytes (`\040` for a space, `\011`, `\012`, `\134`) restored.
fn mount_points(text: &[u8]) -> Vec<PathBuf> {
    text.split(|&b| b == b'\n')
        .filter_map(|line| line.split(|&b| b == b' ').nth(4))
        .map(unescape)
        .collect()
}

/// A path as `mountinfo` writes it: `\` and three octal digits for some bytes.
fn unescape(field: &[u8]) -> PathBuf {
    let mut bytes = Vec::with_capacity(field.len());
    let mut i = 0;
    while i < field.len() {
        let octal = field.get(i + 1..i + 4).filter(|d| {
            field[i] == b'\\' && d.iter().all(|c| (b'0'..=b'7').contains(c)) && d[0] <= b'3'
        });
        match octal {
            Some(d) => {
                bytes.push((d[0] - b'0') * 64 + (d[1] - b'0') * 8 + (d[2] - b'0'));
                i += 4;
            }
            None => {
                bytes.push(field[i]);
                i += 1;
            }
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        PathBuf::from(std::ffi::OsString::from_vec(bytes))
    }
    #[cfg(not(unix))]
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOUNTINFO: &[u8] = b"\
22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
35 22 0:30 / /srv/site/public-old rw - tmpfs tmpfs rw
41 22 254:0 /home/clinic/share /srv/site/public/videos rw,relatime shared:1 - ext4 /dev/vda rw
42 22 0:51 / /srv/site/public/my\\040clips rw - fuse.sshfs clinic@nas:/clips rw
43 22 0:52 / /srv/site/.public.sinew-spare/videos rw - fuse.rclone drive: rw
";

    #[test]
    fn mount_points_are_read_with_their_escaped_bytes() {
        assert_eq!(
            mount_points(MOUNTINFO),
            [
                "/",
                "/srv/site/public-old",
                "/srv/site/public/videos",
                "/srv/site/public/my clips",
                "/srv/site/.public.sinew-spare/videos",
            ]
            .map(PathBuf::from)
        );
        assert_eq!(unescape(b"a\\134b\\011\\0"), PathBuf::from("a\\b\t\\0"));
    }

    #[test]
    fn a_mount_below_the_output_or_in_the_working_folder_is_refused_by_name() {
        let mounts = mount_points(MOUNTINFO);
        let (out, work) = (
            Path::new("/srv/site/public"),
            Path::new("/srv/site/.public.sinew-spare"),
        );
        let err = refuse_in(&mounts, out, work).unwrap_err().to_string();
        assert!(err.starts_with("`/srv/site/public/videos` inside the output folder `/srv/site/public` is another drive"), "{err}");
        assert!(err.contains("Unmount it"), "{err}");
        // Without the mounts in the output: the one in the working folder.
        let err = refuse_in(&mounts[..2], out, work).and(refuse_in(&mounts[4..], out, work));
        let err = err.unwrap_err().to_string();
        assert!(err.starts_with("`/srv/site/.public.sinew-spare/videos` is another drive or shared folder mounted in sinew's hidden working folder"), "{err}");
        // The output itself, a folder beside it whose name starts alike, and the file
        // system holding them are not inside it.
        let beside = [
            PathBuf::from("/srv/site/public"),
            mounts[0].clone(),
            mounts[1].clone(),
        ];
        refuse_in(&beside, out, work).unwrap();
    }
}
