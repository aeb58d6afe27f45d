//! The live-reload channel: [`Message`]s as Server-Sent Events, and the open event
//! streams ([`Clients`]), each written by a small thread of its own so that a page that
//! stops reading never holds up a rebuild.

use std::io::Write;
use std::sync::Mutex;

/// One message on the live-reload channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Reload the page.
    Reload,
    /// Only stylesheets changed: fetch them again without reloading.
    Css,
    /// The build failed: show this overlay (HTML).
    Errors(String),
}

impl Message {
    /// The message as Server-Sent Events text, with `version` as its id.
    pub fn to_sse(&self, version: u64) -> String {
        let (event, data) = match self {
            Message::Reload => ("reload", "{}".to_string()),
            Message::Css => ("css", "{}".to_string()),
            // JSON keeps the HTML on one `data:` line.
            Message::Errors(html) => (
                "errors",
                serde_json::to_string(html).expect("a string serializes"),
            ),
        };
        format!("id: {version}\nevent: {event}\ndata: {data}\n\n")
    }
}

/// How many messages may wait for a stream whose page does not read them; past that the
/// stream is closed (its page reconnects and catches up when it reads again).
const QUEUE: usize = 16;

/// The open event streams.
///
/// No write is ever made while the list is locked, nor by the thread that changes the
/// site: each stream has a small thread of its own that writes what is queued for it,
/// and a broadcast only queues. A page that stops reading (a stalled or suspended
/// browser) therefore never holds up a rebuild nor another page: its queue fills and
/// it is dropped, and its writes fail after [`super::http::WRITE_TIMEOUT`].
#[derive(Default)]
pub struct Clients {
    streams: Mutex<Streams>,
}

#[derive(Default)]
struct Streams {
    next_id: u64,
    queues: Vec<(u64, std::sync::mpsc::SyncSender<std::sync::Arc<str>>)>,
}

impl Clients {
    /// Starts an event stream on `writer`. When the page that opened it shows another
    /// version (`seen`) than the current one (`now`), it is told to reload at once: a
    /// reload shows exactly the current state, pages and overlay alike. `now` is read
    /// under the same lock as [`Clients::broadcast`] changes the state, and the stream is
    /// listed then, so it gets every later message and never misses a change.
    pub fn open(
        &self,
        mut writer: Box<dyn Write + Send>,
        seen: Option<u64>,
        now: impl FnOnce() -> u64,
    ) {
        let (tx, rx) = std::sync::mpsc::sync_channel::<std::sync::Arc<str>>(QUEUE);
        let (id, now) = {
            let mut streams = self.streams.lock().expect("clients lock");
            let id = streams.next_id;
            streams.next_id += 1;
            streams.queues.push((id, tx));
            (id, now())
        };
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                    Cache-Control: no-store\r\nX-Accel-Buffering: no\r\nConnection: close\r\n\r\n\
                    retry: 500\n\n";
        let mut first = head.to_string();
        if seen != Some(now) {
            first.push_str(&Message::Reload.to_sse(now));
        }
        // A new connection's send buffer is empty: this write does not wait.
        let started = writer
            .write_all(first.as_bytes())
            .and_then(|_| writer.flush())
            .is_ok()
            && std::thread::Builder::new()
                .name("sinew-events".into())
                .stack_size(64 * 1024)
                .spawn(move || {
                    // Ends when the stream is dropped from the list or a write fails;
                    // dropping the writer closes the connection.
                    for text in rx {
                        if writer
                            .write_all(text.as_bytes())
                            .and_then(|_| writer.flush())
                            .is_err()
                        {
                            return;
                        }
                    }
                })
                .is_ok();
        if !started {
            let mut streams = self.streams.lock().expect("clients lock");
            streams.queues.retain(|(i, _)| *i != id);
        }
    }

    /// Queues `message` for every open stream, dropping the ones whose page has gone or
    /// does not keep up. `update` runs first, under the lock, so that a stream opening
    /// meanwhile sees either the old state and this message or the new state.
    pub fn broadcast(&self, update: impl FnOnce() -> (Message, u64)) {
        let mut streams = self.streams.lock().expect("clients lock");
        let (message, version) = update();
        let text: std::sync::Arc<str> = message.to_sse(version).into();
        streams
            .queues
            .retain(|(_, q)| q.try_send(std::sync::Arc::clone(&text)).is_ok());
    }

    /// Sends an SSE comment to every stream so that closed ones are noticed and dropped.
    pub fn ping(&self) {
        let text: std::sync::Arc<str> = ": ping\n\n".into();
        let mut streams = self.streams.lock().expect("clients lock");
        streams
            .queues
            .retain(|(_, q)| q.try_send(std::sync::Arc::clone(&text)).is_ok());
    }

    /// Closes every stream (each closes once its thread has written what was queued).
    pub fn close_all(&self) {
        self.streams.lock().expect("clients lock").queues.clear();
    }

    /// How many streams are open (as far as the last message knows: a stream whose page
    /// left is dropped at the next broadcast or ping).
    pub fn len(&self) -> usize {
        self.streams.lock().expect("clients lock").queues.len()
    }

    /// Whether no stream is open.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_one_line_each() {
        let m = Message::Errors("<p>a\nb</p>".into());
        assert_eq!(
            m.to_sse(4),
            "id: 4\nevent: errors\ndata: \"<p>a\\nb</p>\"\n\n"
        );
        assert_eq!(
            Message::Reload.to_sse(5),
            "id: 5\nevent: reload\ndata: {}\n\n"
        );
    }

    /// A stream's other end: what was written, and whether writes fail or never return.
    #[derive(Clone, Default)]
    struct Sink {
        got: std::sync::Arc<(Mutex<Vec<u8>>, std::sync::Condvar)>,
        broken: bool,
        /// Every write waits until this is set (a page that reads nothing).
        stalled: Option<std::sync::Arc<(Mutex<bool>, std::sync::Condvar)>>,
    }

    impl Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            if self.broken {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            if let Some(stall) = &self.stalled {
                let mut released = stall.0.lock().unwrap();
                while !*released {
                    released = stall.1.wait(released).unwrap();
                }
                return Err(std::io::ErrorKind::TimedOut.into());
            }
            self.got.0.lock().unwrap().extend_from_slice(b);
            self.got.1.notify_all();
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Sink {
        /// Waits (with a deadline) until what was written ends with `end`, and returns it.
        fn wait_for_end(&self, end: &str) -> String {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
            let mut got = self.got.0.lock().unwrap();
            loop {
                let text = String::from_utf8(got.clone()).unwrap();
                if text.ends_with(end) {
                    return text;
                }
                let left = deadline.saturating_duration_since(std::time::Instant::now());
                assert!(!left.is_zero(), "never got {end:?}; got {text:?}");
                got = self.got.1.wait_timeout(got, left).unwrap().0;
            }
        }
    }

    #[test]
    fn a_stream_behind_the_site_catches_up_and_a_closed_one_is_dropped() {
        let clients = Clients::default();
        let a = Sink::default();
        clients.open(Box::new(a.clone()), Some(1), || 2);
        let b = Sink::default();
        clients.open(Box::new(b.clone()), Some(2), || 2);
        let broken = Sink {
            broken: true,
            ..Sink::default()
        };
        clients.open(Box::new(broken), None, || 2);
        assert_eq!(clients.len(), 2);
        clients.broadcast(|| (Message::Css, 3));
        let text = a.wait_for_end("id: 3\nevent: css\ndata: {}\n\n");
        assert!(text.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream"));
        assert!(text.ends_with(
            "retry: 500\n\nid: 2\nevent: reload\ndata: {}\n\nid: 3\nevent: css\ndata: {}\n\n"
        ));
        let up_to_date = b.wait_for_end("id: 3\nevent: css\ndata: {}\n\n");
        assert!(up_to_date.ends_with("retry: 500\n\nid: 3\nevent: css\ndata: {}\n\n"));
    }

    #[test]
    fn a_page_that_reads_nothing_never_holds_up_a_broadcast_and_is_dropped() {
        let clients = std::sync::Arc::new(Clients::default());
        let stall = std::sync::Arc::new((Mutex::new(false), std::sync::Condvar::new()));
        // The head goes through (a new connection's buffer is empty); every later write
        // waits, as on a connection whose page stopped reading.
        let stalling = Sink {
            stalled: Some(std::sync::Arc::clone(&stall)),
            ..Sink::default()
        };
        clients.open(Box::new(HeadThenStall(stalling)), Some(1), || 1);
        let good = Sink::default();
        clients.open(Box::new(good.clone()), Some(1), || 1);
        assert_eq!(clients.len(), 2);
        // Every broadcast returns although one stream's writes never do; once its queue
        // is full it is dropped, and the other gets every message. (On a thread, so that
        // a broadcast that waits fails the test instead of hanging it.)
        let (done_tx, done) = std::sync::mpsc::channel();
        let (c, g) = (std::sync::Arc::clone(&clients), good.clone());
        std::thread::spawn(move || {
            for v in 2..2 + QUEUE as u64 + 3 {
                c.broadcast(|| (Message::Reload, v));
                g.wait_for_end(&format!("id: {v}\nevent: reload\ndata: {{}}\n\n"));
            }
            done_tx.send(()).unwrap();
        });
        done.recv_timeout(std::time::Duration::from_secs(20))
            .expect("a broadcast waited for a page that reads nothing");
        assert_eq!(clients.len(), 1, "the stalled stream is dropped");
        *stall.0.lock().unwrap() = true;
        stall.1.notify_all();
    }

    /// Writes the head, then stalls on every later write.
    struct HeadThenStall(Sink);

    impl Write for HeadThenStall {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            if b.starts_with(b"HTTP/1.1") {
                return Ok(b.len());
            }
            self.0.write(b)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
}
