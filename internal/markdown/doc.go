// Package markdown renders the Markdown body of a page to HTML with
// goldmark, and reports what an editor should fix.
//
// A Converter is built once by New for the site's languages and shared by
// every page; Convert renders one body and returns its HTML, the plain text
// of its first paragraph and its diagnostics. Convert does not stop at the
// first problem: it reports all of them.
//
// # Syntax
//
// CommonMark with the GitHub extensions for tables, strikethrough (~~x~~)
// and autolinks (bare www.… and https://… addresses become links), plus
// footnotes ([^1] and "[^1]: text"). Task lists and definition lists are
// not enabled.
//
// # Typography
//
// Straight quotes, dashes and dots are replaced as the page's language
// writes them. A "pl" page (also "pl-PL") gets „…” for double quotes and
// ‚…’ for single ones; every other language gets “…” and ‘…’. In both, --
// becomes –, --- becomes —, ... becomes …, and << >> become « ».
//
// Single quotes are not left to goldmark, whose English rules turn the
// opening quote of 'naprawdę' or 'tak' into an apostrophe. Instead, within
// one paragraph (or heading, or table cell), a straight ' opens a quotation
// when it follows white space or an opening character such as ( or „, is
// followed by a non-space, and a later ' closes it; every other ' becomes
// ’, which is also the apostrophe. So 'naprawdę' becomes ‚naprawdę’ on a
// Polish page, while Joyce'a, don't and an unmatched '90s get ’. Code spans
// and code blocks are left as written.
//
// # Heading ids
//
// Every heading gets an id made by slug.Make from its text, so "Życie w
// Łodzi" gets "zycie-w-lodzi". Link destinations and HTML tags in the
// heading's source line are left out of the id. A heading without letters or
// digits gets "section". Ids are unique within the page: a repeated id gets
// the suffix -1, -2 and so on. An explicit id written as {#id} after the
// heading is kept, and so are {.class} and {lang=en} (for a heading in
// another language); event handler attributes such as {onclick=…} are
// removed with a warning, and two headings with the same explicit id get a
// warning.
//
// # Raw HTML
//
// Editors write Markdown, not HTML. Raw HTML, as a block or inline, is
// omitted from the output with a warning at its line and column naming its
// first tag:
//
//	story.md:12:5: warning: raw HTML omitted: <script>
//
// Each inline tag gets its own warning (<b> and </b> are two); an HTML block
// gets one, for its first tag. The content of script-like elements (script,
// style, iframe, object, noscript, noembed, noframes, template, textarea,
// title, xmp, svg, math) is omitted too, up to the matching closing tag,
// even where Markdown would have turned it into text: with
// "<script>alert(1)</script>" inline, "alert(1)" does not appear in the
// page, and a blank line inside a <script> block does not let the rest of it
// leak out as a paragraph. The closing tag of such an element gets no
// warning of its own. If it never comes, everything after the opening tag is
// omitted, with a second warning "<script> is never closed, so the rest of
// the page is omitted".
//
// HTML comments are omitted silently: editors use them for notes to each
// other.
//
// # Links and images
//
// A link or image whose URL uses the scheme javascript:, vbscript:, file: or
// data: (any data: URL, images included) is neutralised, whatever the
// spelling: upper or mixed case, entity references (&#106;avascript: or
// javascript&colon;), percent-escapes, tabs or newlines inside the scheme,
// leading spaces or control characters. A link keeps its text and loses its
// target (no <a> is written); an image is omitted. Either gives a warning at
// its position, quoting at most 40 characters of the URL as written:
//
//	story.md:8:14: warning: unsafe link "javascript:alert(1)" removed
//	story.md:9:1: warning: unsafe image "data:image/png;base64,iVBORw0KGgoAA…" removed
//
// Every image needs alt text. An empty one is an error:
//
//	story.md:9:1: image "x.jpg" has no alt text; describe it, or write ![-](x.jpg) if it is decorative
//
// and the alt text "-" marks a decorative image, rendered with alt="". An
// image without a destination is an error too.
//
// A relative image destination (no scheme, not starting with "/" or "#") is
// passed to Options.Resource, with entity references and percent-escapes
// decoded, and the URL it returns is written instead. Resource must not
// trust the name it gets: it may contain "..". Its error becomes an error
// diagnostic at the image.
//
// A link destination without a scheme that is not a fragment ("#x") is
// passed, decoded, to Options.Link; when Link returns false the link keeps
// its text and loses its target, silently. The site model uses this so that
// a page that is not published (a withdrawn consent, a draft) leaves no
// trace in the pages that link to it.
//
// # Positions
//
// Diagnostics point at the line and column of the file as an editor sees it:
// Options.FirstLine is the file line on which the body starts, and columns
// count characters, not bytes. The position is that of goldmark's node: the
// "[" or "![" of a link or image, the "<" of raw HTML or of an autolink, the
// first character of an HTML block or heading (after any "> " or list
// marker that contains it). Diagnostics come sorted by position.
//
// # Failures
//
// A panic inside goldmark or in this package's own code (Options.Resource
// included) is recovered and reported as an error naming the file, with an
// empty Result:
//
//	story.md: markdown rendering failed: <panic value>
//
// goldmark cannot be cancelled once it runs, and although it is linear on
// ordinary text, a few inputs make it quadratic: blocks nested thousands
// deep on one line (">>>>…", "1. 1. 1. …"), thousands of emphasis markers
// that never match in one paragraph ("*a_*a_…"), thousands of "](" on one
// long line ("[a]([a](…"), or thousands of "]" in a paragraph of thousands
// of lines. Before parsing, Convert estimates that cost in one linear pass;
// a page over the limit (about half a second of work, hundreds of times
// what a hand-written page needs) is refused with an error at the worst
// line, and nothing is rendered:
//
//	story.md:3:1: too many links on one line (16384 "](" in 65536 characters) for the Markdown renderer; split the line
//	story.md:3:1: too many "*", "_" or "~" in one paragraph (32768) for the Markdown renderer; split the paragraph
//	story.md:3:1: too many links in one paragraph (104857 "]" on 104857 lines) for the Markdown renderer; split the paragraph
//	story.md:1:1: too deeply nested (65536 quotes or lists on one line) for the Markdown renderer
//
// 10,000 nested ">" still render, in well under a second. The estimate
// covers the patterns known to be slow; callers should still cap the size of
// a Markdown file.
//
// # Output
//
// The output is deterministic: the same source and options give the same
// bytes. It is HTML5 (<br>, <hr>, <img …>), with tables aligned through
// style="text-align:…" and footnotes in a trailing
// <div class="footnotes" role="doc-endnotes">.
//
// FirstParagraph is the plain text of the first top-level paragraph that has
// any text (image alt text does not count), with escapes and entity
// references resolved, markup and omitted content left out, and white space
// collapsed to single spaces.
package markdown
