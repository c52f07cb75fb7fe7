package markdown_test

import (
	"fmt"

	"github.com/alumni-site/alumni/internal/markdown"
)

func ExampleConverter_Convert() {
	c := markdown.New([]string{"pl", "en"})
	src := []byte(`## Życie w Łodzi

Mówili, że to "naprawdę 'inny' świat" <b>i tak</b> było.

![](rynek.jpg)
`)
	res, diags := c.Convert(src, markdown.Options{
		Path:      "content/historie/anna/index.pl.md",
		Lang:      "pl",
		FirstLine: 6,
		Resource: func(dest string) (string, error) {
			return "/historie/anna/" + dest, nil
		},
	})
	fmt.Print(string(res.HTML))
	fmt.Println(res.FirstParagraph)
	for _, d := range diags {
		fmt.Println(d)
	}
	// Output:
	// <h2 id="zycie-w-lodzi">Życie w Łodzi</h2>
	// <p>Mówili, że to „naprawdę ‚inny’ świat” i tak było.</p>
	// <p><img src="/historie/anna/rynek.jpg" alt=""></p>
	// Mówili, że to „naprawdę ‚inny’ świat” i tak było.
	// content/historie/anna/index.pl.md:8:39: warning: raw HTML omitted: <b>
	// content/historie/anna/index.pl.md:8:47: warning: raw HTML omitted: </b>
	// content/historie/anna/index.pl.md:10:1: image "rynek.jpg" has no alt text; describe it, or write ![-](rynek.jpg) if it is decorative
}
