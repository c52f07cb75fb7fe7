/* Click-to-load video player.

   The page shows the video's poster, served by the site, and a link to the
   video on its provider. This script replaces the link with a button; only
   a click on the button creates the provider's player (an iframe), so no
   request reaches YouTube or Vimeo before the visitor asks for the video.
   Without JavaScript the link still leads to the video. */
(function () {
  "use strict";

  function playerURL(button) {
    var lang = button.getAttribute("data-lang") || "";
    var url = button.getAttribute("data-embed");
    var params = ["autoplay=1"];
    if (button.getAttribute("data-provider") === "youtube") {
      // Captions on, in the page's language.
      params.push("cc_load_policy=1", "cc_lang_pref=" + encodeURIComponent(lang), "hl=" + encodeURIComponent(lang));
    } else if (lang) {
      params.push("texttrack=" + encodeURIComponent(lang));
    }
    return url + (url.indexOf("?") < 0 ? "?" : "&") + params.join("&");
  }

  function play(player, button) {
    var frame = document.createElement("iframe");
    frame.src = playerURL(button);
    frame.title = button.getAttribute("data-frame-title");
    frame.setAttribute("allow", "autoplay; encrypted-media; fullscreen; picture-in-picture");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    player.textContent = "";
    player.appendChild(frame);
    frame.focus();
  }

  var players = document.querySelectorAll("[data-player]");
  Array.prototype.forEach.call(players, function (player) {
    var button = player.querySelector("button");
    var fallback = player.querySelector("[data-player-fallback]");
    if (!button) {
      return;
    }
    if (fallback) {
      fallback.remove();
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      play(player, button);
    });
  });
})();
