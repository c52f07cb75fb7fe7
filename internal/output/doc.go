// Package output minifies rendered files and puts them into the destination
// folder (public/ by default) so that the folder always holds one complete
// version of the site: the previous one or the new one, never a mix.
//
// # Minifying
//
// A Minifier is built once with NewMinifier and shared; it is safe for
// concurrent use. Minify chooses the minifier by the file name's extension,
// ignoring case:
//
//	.html .htm          HTML, including the CSS, JavaScript, JSON (JSON-LD,
//	                    import maps) and SVG embedded in it
//	.css                CSS
//	.js .mjs            JavaScript
//	.json .webmanifest  JSON
//	.svg                SVG
//	.xml                XML (sitemaps, feeds)
//
// Any other file is returned unchanged.
//
// Minification keeps what a reader sees. In HTML, whitespace between words
// and inline elements is kept, collapsed to a single space or line break; it
// is dropped only next to block elements, where browsers ignore it anyway. (A
// theme that displays block elements such as <li> or <div> inline must
// therefore not rely on the whitespace between them for spacing.) The content of <pre> and <textarea> is kept byte for byte. The
// <html>, <head> and <body> tags, end tags, quotes around attribute values
// and default attribute values are kept, so pages stay valid for the Nu HTML
// checker and golden files stay readable in diffs. A value holding double
// quotes is put in single quotes, and an empty value takes the short form
// (alt="" becomes alt). Comments are removed. JavaScript is always written
// with "</script" escaped, whatever the type attribute of its <script>
// element says.
//
// The XML minifier collapses whitespace in all text, which would damage
// escaped HTML such as a feed entry holding "&lt;pre&gt;". An XML file that
// contains an escaped <pre> or <textarea>, or an xml:space attribute, is
// therefore returned unchanged.
//
// HTML as simple as Markdown's (paragraphs, headings, lists, tables and
// quotes with links, emphasis and images inside, and no white space that
// would need collapsing) takes a fast path that writes the same bytes as
// the minifier, for a fraction of its cost; anything else goes through the
// minifier.
//
// A file that cannot be parsed yields an error naming it, with the line and
// column when the minifier knows them.
//
// MinifyLayout minifies the HTML of an html/template layout the same way,
// leaving every {{ action }} and the content of <script> and <style> as
// written. A build renders pages from minified layouts and minifies each
// page's Markdown once, instead of minifying every page whole: the text
// that actions write (titles, attributes) is then kept as html/template
// escapes it, which browsers read the same.
//
// # Writing
//
// Open prepares a new version of a destination folder, WriteFile adds files
// to it, and Commit replaces the destination with it in one step. Abort
// throws the new version away. The usual pattern is:
//
//	st, err := output.Open(dest)
//	if err != nil {
//		return err
//	}
//	defer st.Abort() // a no-op once Commit succeeded
//	// ... st.WriteFile(rel, data) for every file, from any goroutine ...
//	return st.Commit()
//
// Files are written to a staging folder beside the destination, in the same
// parent folder so that a rename can move it into place:
//
//	.alumni-stage-<name>-<16 hex digits>
//
// where <name> is the destination's base name. Paths passed to WriteFile are
// slash-separated, clean and relative: "", ".", "..", "../x", "/x",
// "a/../x", "a//b", a backslash, a NUL byte or a drive letter ("C:x") are
// rejected with `invalid output path "…"`, so nothing can be written outside
// the destination. The name ".alumni" at the top is reserved for the marker.
// Writing one path twice is an error, and so are two paths that differ only
// in letter case or Unicode normalisation (they would overwrite each other on
// macOS and Windows) and a path used both as a file and as a folder. Files
// get mode 0644 and folders 0755, whatever the umask.
//
// # Which destinations are accepted
//
// Open accepts a destination that is missing, an empty folder, or a folder
// holding the marker file ".alumni", which Commit writes into every version.
// Anything else is refused, so that a mistyped --dest cannot wipe the content
// folder or a home folder:
//
//	refusing to write to "content": it is not empty and was not created by alumni (no .alumni marker)
//
// The root folder, a file and a symbolic link are refused too. A missing
// parent folder is created.
//
// # Committing
//
// Commit writes the marker, flushes the staged files to disk (syncfs on
// Linux, an fsync of every file elsewhere), and swaps the staging folder in.
// On Linux the staged files are also written back while the build goes on,
// every 32 MB written, so that the flush has little left to wait for; the
// swap still follows only the final flush. Then:
//
//   - If the destination does not exist, the staging folder is renamed to it.
//   - On Linux, renameat2 with RENAME_EXCHANGE swaps the two folders in one
//     step; the old version, now under the staging name, is then removed.
//   - Where that is not available (another system, or a file system without
//     RENAME_EXCHANGE), the destination is renamed aside to
//     .alumni-old-<name>-<16 hex digits>, the staging folder is renamed in,
//     and the old version is removed. If the second rename fails, the old
//     version is moved back.
//
// After Commit the destination holds exactly the files written and the
// marker: no file of the previous version survives. A failure to remove the
// old version does not fail Commit; the next Open removes it.
//
// # Interrupted builds
//
// A build may die at any point (Ctrl-C, a CI timeout, kill -9, a full disk).
// Open repairs what an earlier run left behind for the same destination,
// before it checks the destination:
//
//   - If the destination is missing and an .alumni-old-<name>-* folder
//     exists, the run died between the two renames of the fallback swap; the
//     old folder is renamed back (the newest one, should there be several).
//   - Every other .alumni-old-<name>-* folder is removed: the swap completed.
//   - Every .alumni-stage-<name>-* folder not in use by a running build is
//     removed: it is an unfinished version, or an old version that the
//     exchange moved there.
//
// The destination is thus always either the previous version or the new one,
// and is never missing after the next Open if it existed before.
//
// # Concurrent builds
//
// On Unix systems a running build holds a flock on its staging folder, and
// Open and Commit hold one on the parent folder while they scan, repair or
// swap. Two builds of the same destination may therefore run at once (the
// one that commits last wins) without removing each other's staging folder.
// Where flock is missing or unsupported by the file system, do not run two
// builds of one destination at the same time.
package output
