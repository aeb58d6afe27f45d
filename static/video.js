// sinew's click-to-load player for YouTube and Vimeo videos on exercise pages.
//
// Until the patient presses play, the page asks nothing of the video's host (not even a
// thumbnail): the template shows the exercise's poster or name and a button whose words
// say which exercise plays and where from. Pressing it swaps in the host's
// privacy-enhanced player (youtube-nocookie.com, or Vimeo with dnt=1), which starts.
// Without this script the button stays hidden and the plain link beside it still works.
// The words a patient reads are all in the template (partials/video.html), none here.

/**
 * Makes one `.video-facade` box load its player when its button is pressed.
 * @param {HTMLElement} box
 */
function setUp(box) {
  const button = box.querySelector('button.video-play');
  const src = box.dataset.embed || '';
  // The build only writes player addresses of the two hosts; anything else is ignored.
  if (!(button instanceof HTMLButtonElement) ||
      !(src.startsWith('https://www.youtube-nocookie.com/') || src.startsWith('https://player.vimeo.com/'))) {
    return;
  }
  button.hidden = false;
  button.addEventListener('click', () => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.title = box.dataset.frameTitle || button.textContent || '';
    frame.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
    frame.allowFullscreen = true;
    // The site's pages send no referrer; the players refuse to start without the
    // site's origin, so the frame (and only it) sends that much, never the page's path.
    frame.referrerPolicy = 'strict-origin';
    box.replaceChildren(frame);
    box.classList.add('video-loaded');
    // Keyboard and screen-reader users land in the player, whose own controls stop it.
    frame.focus();
  }, { once: true });
}

for (const box of document.querySelectorAll('.video-facade')) {
  if (box instanceof HTMLElement) setUp(box);
}
