package deps

import (
	_ "github.com/adrg/frontmatter"
	_ "github.com/fsnotify/fsnotify"
	_ "github.com/pelletier/go-toml/v2/unstable"
	_ "github.com/rogpeppe/go-internal/testscript"
	_ "github.com/tdewolff/minify/v2"
	_ "github.com/yuin/goldmark"
	_ "go.yaml.in/yaml/v4"
	_ "golang.org/x/sys/unix"
	_ "golang.org/x/text/unicode/norm"
)
