package decode_test

import (
	"fmt"

	"github.com/alumni-site/alumni/internal/decode"
)

func Example() {
	const path = "content/stories/anna.md"
	src := []byte("\uFEFF---\r\ntitle: Anna in Łódź\r\ncountry: NO\r\ndraft: yes\r\ntitel: typo\r\n---\r\nBody.\r\n")

	var meta struct {
		Title   string `yaml:"title"`
		Country string `yaml:"country"`
		Draft   bool   `yaml:"draft"`
	}
	text, err := decode.Normalize(path, src)
	if err != nil {
		fmt.Println(err)
		return
	}
	doc, err := decode.Split(path, text)
	if err != nil {
		fmt.Println(err)
		return
	}
	n, diags := decode.Parse(path, doc.Format, doc.Meta, doc.MetaLine)
	pos, more := decode.Into(path, n, &meta)
	for _, d := range append(diags, more...) {
		fmt.Println(d)
	}
	fmt.Printf("%q %q %v, title at line %d\n", meta.Title, meta.Country, meta.Draft, pos["title"].Line)
	fmt.Printf("body %q from line %d\n", doc.Body, doc.BodyLine)
	// Output:
	// content/stories/anna.md:4:8: draft: expected true or false, got "yes"
	// content/stories/anna.md:5:1: warning: unknown key "titel" (did you mean "title"?)
	// "Anna in Łódź" "NO" false, title at line 2
	// body "Body.\n" from line 7
}
