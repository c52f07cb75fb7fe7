// Package browser checks a built site the way a visitor's browser sees it.
// It is a test harness, used by this package's tests of the example site
// and by any test that needs a real browser (such as the preview server's).
//
// # Tools
//
// The checks need three things that Go does not bring:
//
//	Chromium   Debian's chromium (/usr/bin/chromium), driven through
//	           github.com/chromedp/chromedp
//	Java       any Java runtime (Debian's default-jre-headless), for the
//	           Nu Html Checker
//	npm tools  axe-core and vnu-jar, pinned in package.json and installed
//	           into node_modules/ by npm ci at the repository root
//
// Find locates each of them and returns a *MissingError that says how to
// install what is missing. Need turns such an error into a skipped test,
// or into a failure when the environment variable CI is "true", so that CI
// can never pass by skipping.
//
// # Serving and the network
//
// Serve publishes a folder on 127.0.0.1 under a base path (the path of the
// site's baseURL), so that the pages' root-relative links work unchanged.
//
// Launch starts headless Chromium with the flags that work on a machine
// without an outside network: --headless --no-sandbox --disable-gpu
// --disable-quic --no-first-run --disable-background-networking
// --disable-component-update --disable-sync and an empty profile. Every
// request that is not for a loopback address goes to a proxy of the
// harness that refuses it and records its host, and host names other than
// localhost do not resolve: a page under test can never reach the
// internet. Watch records the requests that one tab makes, from the
// browser's network events, so that a test can assert that a page asked
// for nothing beyond 127.0.0.1.
//
// # Checks
//
// Axe runs axe-core in the current page of a tab and returns the rule
// violations for the given tags (such as wcag2a, wcag2aa, wcag21a,
// wcag21aa). Validate runs the Nu Html Checker on files and returns its
// error messages.
package browser
