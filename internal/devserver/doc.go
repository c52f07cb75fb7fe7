// Package devserver is the HTTP side of `alumni serve`: it serves the latest
// build of the site from memory, tells every open page when a new build is
// ready, and shows the problems of a failed build over the page.
//
// The engine builds the site and hands the result to Server.Publish as a
// Site; this package never reads the file system and never writes one.
//
// # Serving
//
// The site is served under Options.BasePath, the path of baseURL ("/" when
// it has none). For a request below it, rel is the request path with the
// base path cut off:
//
//   - a path ending in "/" (the base path itself included) serves
//     rel+"index.html";
//   - a path that names a file of the Site serves that file;
//   - a path without a trailing slash whose folder has an index.html is
//     redirected (301) to the path with the slash, query kept;
//   - anything else gets the Site's 404.html with status 404, or a plain
//     text 404 when the Site has none.
//
// The base path without its trailing slash redirects to the base path; a
// path outside the base path gets a plain text 404 that names it.
//
// Content-Type is the media type the Site reports, or the one of the file's
// extension when it reports none. Every response, errors and redirects
// included, carries "X-Robots-Tag: noindex", "Cache-Control: no-store" and
// "X-Content-Type-Options: nosniff". Range requests are honoured.
//
// The body is byte for byte the Site's, with one exception: a text/html
// response gets
//
//	<script src="<base path>__alumni/reload.js" data-build="<build>"></script>
//
// inserted just before its last "</body>" (in any letter case), or at its
// end when it has none. The script is served by this package and is never
// part of the Site. <build> names the Site the page was served from: the
// server's instance (random, so that a restarted server's names differ)
// and how many Sites it has published.
//
// Before the first Publish, and while the first build has failed, every page
// path answers 503 with a short HTML page that carries the script, so the
// browser shows the first build's problems and reloads once it succeeds.
//
// # The __alumni folder
//
// Two paths below the base path belong to the server, whatever the Site
// holds (no slug can start with an underscore):
//
//	<base path>__alumni/reload.js   the live-reload script
//	<base path>__alumni/ws          the WebSocket the script listens on
//
// Any other path in __alumni/ is a 404.
//
// # Messages
//
// The server sends the script small JSON text messages and reads none.
// Each names the build being served in "build":
//
//	{"type":"hello","build":"..."}
//	                       the first message on every socket: a page
//	                       served from another build reloads, since it
//	                       missed the message that said so (its socket
//	                       was not open yet, or the server restarted)
//	{"type":"reload"}      the site changed: reload the page
//	{"type":"css"}         only stylesheets changed: swap them in place
//	{"type":"problems","problems":[{"path":"content/stories/anna.md",
//	    "line":3,"col":7,"warning":false,"message":"...","text":"..."}]}
//	{"type":"ok"}          the problems are fixed: hide the overlay
//
// text is the problem as the terminal prints it (see Problem.String). A page
// that connects while the last build had problems receives them at once.
//
// Publish decides what to send. A failed build passes the last good Site
// (or nil, which keeps it) with its problems. The site changed when the
// Site value is not the one published before. The change is
// stylesheet-only when both Sites are Listers, at least one .css file was
// added, removed or changed, and every other file is there in both with the
// same bytes and media type; any other change is a reload. Comparing
// the other files may produce every page of both builds, so it is given a
// fixed time budget, after which Publish sends reload. After a reload or a
// stylesheet swap Publish sends the new problems; a Publish without problems
// after one with them sends ok.
//
// A page that is too slow to take its messages is disconnected; its script
// reconnects, and the hello tells it whether it missed a new build.
//
// # The script
//
// The script opens the WebSocket next to its own URL (ws: or wss:). When the
// connection drops it retries with a backoff that doubles from a quarter of
// a second up to five seconds. On "hello" it reloads the page when the
// build named is not the one its page came from; after any other message
// its page shows the build that message names.
//
// On "css" it replaces every same-origin <link rel="stylesheet"> with a copy
// whose href carries an "alumni-reload" query parameter, and removes the old
// one when the new one has loaded, so the page does not flash.
//
// On "problems" it shows an overlay in a shadow root, so the site's CSS and
// the overlay's cannot affect each other: an element with role="alertdialog"
// named by its heading ("Build failed: 2 errors, 1 warning"), a note that
// the last good build is still shown, one list item per problem with its
// text (warnings marked with "warning:" and a different colour), and a Close
// button, which gets the focus; Escape closes it too. Every build message is
// inserted with textContent, never as HTML. "ok" removes the overlay.
//
// # Security
//
// The preview serves drafts and future stories to whoever can reach it, so
// it answers only requests that come from the editor's own browser:
//
//   - Only GET and HEAD are allowed; any other method gets 405 with
//     "Allow: GET, HEAD".
//   - The request path is decoded one segment at a time. A segment that
//     decodes to "." or "..", contains "/" or "\" (so %2f and %5c too), a
//     NUL or other control character, or invalid UTF-8 (overlong encodings
//     of "." included), and an empty segment inside the path, make the
//     request a 400. The Site is only ever asked for a path built from the
//     remaining segments, so no request leads outside the site.
//   - The Host header must name the bound address, localhost, a loopback
//     address (127.0.0.1, [::1]) or an Options.AllowHosts name, in any
//     letter case and with or without a trailing dot; when the bind address
//     is 0.0.0.0 or ::, any address of the machine's network interfaces is
//     accepted too. Anything else gets 403, which defeats DNS rebinding: a
//     page of another site that resolves its name to this machine still
//     sends its own name as Host. The port in Host is not compared, so an
//     SSH tunnel or a container's port mapping works.
//   - The WebSocket refuses an Origin that is not the page's own (scheme
//     http or https and the request's Host) with 403; a request without
//     Origin is allowed.
//   - A bind address that is not loopback is logged as a warning.
//
// # Port
//
// With Options.Port 0 the server listens on 1313, or, when that is in use,
// on the next free port up to 1333, and logs the URL it got. Any other port
// without PortSet is tried the same way. With PortSet, that port or an
// error "port N is in use"; PortSet with port 0 lets the system choose.
package devserver
