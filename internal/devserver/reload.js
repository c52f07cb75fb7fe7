// reload.js is added by `alumni serve` to every HTML page of the preview and
// is never part of a built site. It listens on the server's WebSocket and
// reloads the page, swaps its stylesheets, or shows the problems of a failed
// build, as the package documentation of internal/devserver describes.
(function () {
  "use strict";
  if (window.__alumniReload) {
    return;
  }
  window.__alumniReload = true;

  var script = document.currentScript ||
    document.querySelector('script[src$="/__alumni/reload.js"]');
  var socketURL = new URL("ws", script ? script.src : location.href);
  socketURL.protocol = socketURL.protocol === "https:" ? "wss:" : "ws:";

  // build names the build this page was served from; the server names
  // the current one when the socket opens, and in every message.
  var build = script ? script.getAttribute("data-build") : null;
  var firstDelay = 250;
  var maxDelay = 5000;
  var delay = firstDelay;
  var overlay = null;
  var focusBefore = null;

  function connect() {
    var socket = new WebSocket(socketURL.href);
    socket.onopen = function () {
      delay = firstDelay;
    };
    socket.onmessage = function (event) {
      var msg;
      try {
        msg = JSON.parse(event.data);
      } catch (err) {
        return;
      }
      handle(msg);
    };
    socket.onclose = function () {
      var wait = delay + Math.random() * delay / 2;
      delay = Math.min(delay * 2, maxDelay);
      setTimeout(connect, wait);
    };
  }

  function handle(msg) {
    switch (msg && msg.type) {
      case "hello":
        // The site changed since this page was served (a message came
        // before the socket was open, or the server restarted): no
        // message will say so.
        if (build !== null && msg.build !== build) {
          location.reload();
        }
        return;
      case "reload":
        location.reload();
        return;
      case "css":
        swapStylesheets();
        break;
      case "problems":
        showProblems(Array.isArray(msg.problems) ? msg.problems : []);
        break;
      case "ok":
        hideProblems();
        break;
    }
    // The page now shows the build the message speaks for.
    if (msg && typeof msg.build === "string") {
      build = msg.build;
    }
  }

  // swapStylesheets loads every same-origin stylesheet again under a new
  // query and drops the old <link> once the new one has loaded, so the page
  // never shows unstyled.
  function swapStylesheets() {
    var stamp = String(Date.now());
    var links = document.querySelectorAll('link[rel~="stylesheet" i][href]');
    Array.prototype.forEach.call(links, function (old) {
      var url = new URL(old.href, location.href);
      if (url.origin !== location.origin) {
        return;
      }
      url.searchParams.set("alumni-reload", stamp);
      var fresh = old.cloneNode(false);
      // The new bytes cannot match the old integrity hash.
      fresh.removeAttribute("integrity");
      fresh.href = url.href;
      fresh.addEventListener("load", function () { old.remove(); });
      fresh.addEventListener("error", function () { fresh.remove(); });
      old.after(fresh);
    });
  }

  var overlayCSS = [
    ":host { all: initial; }",
    ".backdrop { position: fixed; inset: 0; z-index: 2147483647; overflow: auto;",
    "  background: rgba(0, 0, 0, 0.55); padding: 2rem 1rem; box-sizing: border-box; }",
    ".box { max-width: 60rem; margin: 0 auto; padding: 1.25rem 1.5rem; border-radius: 6px;",
    "  background: #1c1d21; color: #f3f3f3; font: 16px/1.5 system-ui, sans-serif;",
    "  box-shadow: 0 4px 24px rgba(0, 0, 0, 0.5); }",
    "h2 { margin: 0 0 0.5rem; font-size: 1.25rem; color: #ffffff; }",
    "p { margin: 0 0 1rem; color: #d6d6d6; }",
    "ul { list-style: none; margin: 0 0 1rem; padding: 0; }",
    "li { margin: 0 0 0.5rem; padding: 0.5rem 0.75rem; white-space: pre-wrap; overflow-wrap: anywhere;",
    "  font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;",
    "  background: #26282d; border-left: 4px solid; }",
    "li.error { border-color: #ff6b6b; }",
    "li.warning { border-color: #f5c542; border-left-style: dashed; }",
    "button { font: inherit; padding: 0.35rem 1rem; border-radius: 4px; cursor: pointer;",
    "  color: #1c1d21; background: #f3f3f3; border: 1px solid #f3f3f3; }",
    "button:focus-visible { outline: 3px solid #7cc4ff; outline-offset: 2px; }"
  ].join("\n");

  function element(name, className, text) {
    var el = document.createElement(name);
    if (className) {
      el.className = className;
    }
    if (text !== undefined) {
      el.textContent = text;
    }
    return el;
  }

  function count(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function heading(problems) {
    var errors = 0;
    var warnings = 0;
    problems.forEach(function (p) {
      if (p.warning) {
        warnings++;
      } else {
        errors++;
      }
    });
    if (errors === 0) {
      return "Build warnings: " + count(warnings, "warning");
    }
    var text = "Build failed: " + count(errors, "error");
    return warnings ? text + ", " + count(warnings, "warning") : text;
  }

  // describe returns a problem as the terminal prints it, for a server that
  // sent no text.
  function describe(p) {
    var text = String(p.path || "");
    if (p.line > 0) {
      text += ":" + p.line + (p.col > 0 ? ":" + p.col : "");
    }
    return text + ": " + (p.warning ? "warning: " : "") + String(p.message || "");
  }

  // showProblems replaces the overlay with one that lists problems. Build
  // messages go in through textContent only, never as HTML.
  function showProblems(problems) {
    removeOverlay();
    if (problems.length === 0) {
      return;
    }
    var host = document.createElement("alumni-build-problems");
    var root = host.attachShadow({ mode: "open" });
    var style = element("style", "", overlayCSS);
    var backdrop = element("div", "backdrop");
    var box = element("div", "box");
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "alumni-title");
    box.setAttribute("aria-describedby", "alumni-note");
    var title = element("h2", "", heading(problems));
    title.id = "alumni-title";
    var note = element("p", "", "The preview still shows the last good build. " +
      "Fix the files and save: this message goes away by itself.");
    note.id = "alumni-note";
    var list = element("ul");
    problems.forEach(function (p) {
      var text = typeof p.text === "string" && p.text ? p.text : describe(p);
      list.appendChild(element("li", p.warning ? "warning" : "error", text));
    });
    var close = element("button", "", "Close");
    close.type = "button";
    close.addEventListener("click", hideProblems);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        hideProblems();
      }
    });
    box.append(title, note, list, close);
    backdrop.appendChild(box);
    root.append(style, backdrop);
    (document.body || document.documentElement).appendChild(host);
    overlay = host;
    if (focusBefore === null) {
      focusBefore = document.activeElement;
    }
    close.focus({ preventScroll: true });
  }

  function removeOverlay() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function hideProblems() {
    var hadOverlay = overlay !== null;
    removeOverlay();
    if (hadOverlay && focusBefore && typeof focusBefore.focus === "function") {
      focusBefore.focus({ preventScroll: true });
    }
    focusBefore = null;
  }

  connect();
})();
