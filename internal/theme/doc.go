// Package theme loads a theme's layouts, UI strings, assets and static
// files, merged with a site's overrides, and renders pages with
// html/template.
//
// # Folders
//
// A theme is a folder (on disk under themes/<name>/, or the default theme
// embedded in the binary) with:
//
//	layouts/base.html       the page skeleton; it calls {{ block "main" . }}
//	layouts/<layout>.html   one per layout: home, list, story, video, page,
//	                        terms, term, 404, and any name a page's type:
//	                        selects; each defines "main" (and may define
//	                        other blocks of base.html, such as "head")
//	layouts/partials/*.html shared pieces, called as
//	                        {{ template "partials/name.html" . }}
//	i18n/<lang>.yaml        UI strings: key -> text
//	assets/                 CSS, JS and images published under names that
//	                        contain a hash of their content
//	static/                 files copied as they are
//
// A site's own layouts/, i18n/, assets/ and static/ override the theme:
// a layout or asset of the same path replaces the theme's, a string of the
// same key in i18n/<lang>.yaml replaces the theme's string, and a static
// file of the same path wins.
//
// # Rendering
//
// A page is rendered by executing base.html together with its layout and
// every partial, through a Renderer: one per site model, since it keeps
// the fragments of partialCached. Rendering goes to a buffer, so a failing
// template writes nothing. Template errors are diagnostics that name the template file
// and line, and the column when html/template knows it. Files of the
// embedded theme are named themes/default/layouts/x.html.
//
// html/template executes a layout (and a partialCached fragment) the first
// time; from then on the Renderer executes the escaped templates compiled
// by package templateexec, which gives the same bytes at a fraction of the
// cost, and hands back to html/template whatever it leaves to it (an
// error, a value it does not escape itself). A theme may use any feature
// of html/template: what templateexec does not run simply runs as before.
//
// # Functions
//
//	T "key"            the UI string in the page's language; a key missing
//	                   there is taken from the default language, and a key
//	                   missing everywhere is an error
//	asset "css/x.css"  the root-relative URL of an asset, hashed name
//	relURL "x/"        a site path made root-relative (baseURL's path added)
//	absURL "x/"        a site path made absolute
//	date t             a time as a date in the page's language (12 maja 2025,
//	                   12 May 2025)
//	isoDate t          a time as YYYY-MM-DD, for <time datetime>
//	country "PT"       the country's name in the page's language
//	faculty "key"      the faculty's name in the page's language, from
//	                   site.yaml; a key not listed there is shown as written
//	add a b            a + b, for page numbers
//	first n pages      the first n pages of a list
//	jsonLD page        the page's schema.org description as JSON, for
//	                   <script type="application/ld+json">{{ jsonLD . }}</script>
//	                   (escaped as html/template escapes JSON, so that it
//	                   cannot end the script): WebSite for a home page,
//	                   Article by a Person alumniOf the university for a
//	                   story, VideoObject (name, description, thumbnailUrl,
//	                   uploadDate, duration, embedUrl) for a video, WebPage
//	                   otherwise; "" for the page "not found"
//	headMeta page      the page's description, canonical and hreflang links,
//	                   Open Graph and Twitter card tags, one per line
//	                   (see the default theme's head.html): the image
//	                   is the story's portrait, the video's poster or
//	                   the theme's img/share.jpg; every hreflang link is
//	                   absolute and x-default names the default
//	                   language's version
//	embedURL video     the player address of a video (.Video.Video):
//	                   www.youtube-nocookie.com/embed/ID, or
//	                   player.vimeo.com/video/ID?dnt=1; "" for a file
//	tel "+48 67 …"     a tel: URL of a phone number (digits and a leading +)
//	paragraphs text    the paragraphs of a plain text (split at blank lines)
//	absAsset "x.jpg"   the absolute URL of an asset, for og:image
//	partialCached "partials/x.html" ctx [variant...]
//	                   the partial executed with ctx, as HTML, rendered
//	                   once per language and variants (up to four
//	                   comparable values: strings, numbers, booleans,
//	                   pages) and then reused by every page of the build.
//	                   The context is not part of the key, so a partial
//	                   whose output depends on the page must get the page
//	                   (or what it depends on) as a variant: the default
//	                   theme caches a card with {{ partialCached
//	                   "partials/card.html" . . }}, the menu with the
//	                   variants that set its aria-current (.IsHome,
//	                   .Section, and .RelPermalink for a page in the
//	                   menu), the language switchers of pages that are
//	                   not translated (.IsTranslated), and the footer's
//	                   columns that are the same everywhere with no
//	                   variant. Use it in HTML text,
//	                   not in attributes.
package theme
