package build

import (
	"bytes"
	"html/template"
	"slices"

	"github.com/alumni-site/alumni/internal/feed"
	"github.com/alumni-site/alumni/internal/site"
	"github.com/alumni-site/alumni/internal/sitemap"
	"github.com/alumni-site/alumni/internal/theme"
)

// aliasPage is the redirect written for an alias: a meta refresh, a
// canonical link to the target, and a plain link for browsers that do not
// follow the refresh. It is not indexed.
var aliasPage = template.Must(template.New("alias").Parse(`<!DOCTYPE html>
<html lang="{{ .Lang }}">
<head>
<meta charset="utf-8">
<title>{{ .Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{ .RelPermalink }}">
</head>
<body>
<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>
</body>
</html>
`))

// indexes stages the feeds, the sitemap, robots.txt and the alias
// redirects. A robots.txt among the static files replaces the generated
// one.
func (w *writer) indexes(s *site.Site, static []theme.File) {
	for _, l := range s.Languages {
		w.write(feed.Path(s, l), feed.Atom(s, l), "feed.xml")
	}
	for name, data := range sitemap.Files(s) {
		w.write(name, data, name)
	}
	if !slices.ContainsFunc(static, func(f theme.File) bool { return f.Output == "robots.txt" }) {
		w.write("robots.txt", sitemap.Robots(s), "robots.txt")
	}
	for _, a := range s.Aliases {
		var buf bytes.Buffer
		if err := aliasPage.Execute(&buf, a.Target); err != nil {
			w.diags.Add(asDiagnostic(a.Target.DisplayPath, err))
			continue
		}
		w.write(a.Output, buf.Bytes(), a.Target.DisplayPath)
	}
}
