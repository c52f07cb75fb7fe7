package sitegen

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"strconv"
	"strings"
)

// corpus is the text of one language.
type corpus struct {
	sentences, headings, items, links []string
	// table is the header of the budget table and the names of its rows;
	// total names the last row and costs the heading above the table.
	table        [2]string
	rows         []string
	total, costs string
}

var polish = corpus{
	sentences: plSentences, headings: plHeadings, items: plItems, links: plLinks,
	table: [2]string{"Wydatek", "Miesięcznie"},
	rows:  []string{"Pokój w mieszkaniu studenckim", "Jedzenie i zakupy", "Bilet miesięczny", "Telefon i internet", "Wycieczki i kultura", "Książki i materiały"},
	total: "Razem",
	costs: "Ile to kosztowało",
}

var english = corpus{
	sentences: enSentences, headings: enHeadings, items: enItems, links: enLinks,
	table: [2]string{"Expense", "Per month"},
	rows:  []string{"Room in a shared flat", "Food and shopping", "Monthly pass", "Phone and internet", "Trips and culture", "Books and materials"},
	total: "Total",
	costs: "What it cost",
}

// place is what the placeholders of the corpus stand for in one story.
type place struct{ city, inst, inPL, inEN string }

// pageWriter writes pages; each worker has its own, and reuses its
// buffers from page to page.
type pageWriter struct {
	g       *generator
	front   frontMatter
	body    bytes.Buffer
	scratch bytes.Buffer
	place   place
	inEN    bool
}

// write writes the front matter and the body as the file rel.
func (w *pageWriter) write(rel string) error {
	w.front.Write(w.body.Bytes())
	return w.g.writeFile(rel, w.front.Bytes())
}

// expand returns s with its placeholders replaced, in Polish.
func (w *pageWriter) expand(s string) string {
	w.scratch.Reset()
	w.inEN = false
	w.text(&w.scratch, s)
	return w.scratch.String()
}

// expandEN returns s with its placeholders replaced, in English.
func (w *pageWriter) expandEN(s string) string {
	w.scratch.Reset()
	w.inEN = true
	w.text(&w.scratch, s)
	return w.scratch.String()
}

// text writes s to b with its placeholders replaced.
func (w *pageWriter) text(b *bytes.Buffer, s string) {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		s = s[i:]
		switch {
		case strings.HasPrefix(s, "{miasto}"):
			b.WriteString(w.place.city)
			s = s[len("{miasto}"):]
		case strings.HasPrefix(s, "{uczelnia}"):
			b.WriteString(w.place.inst)
			s = s[len("{uczelnia}"):]
		case strings.HasPrefix(s, "{kraj}") && w.inEN:
			b.WriteString(w.place.inEN)
			s = s[len("{kraj}"):]
		case strings.HasPrefix(s, "{kraj}"):
			b.WriteString(w.place.inPL)
			s = s[len("{kraj}"):]
		default:
			b.WriteByte('{')
			s = s[1:]
		}
	}
}

// prose writes a Markdown body of about size bytes in the language of c
// into w.body: an introduction, then sections with a heading, paragraphs
// and now and then a list, a link, a blockquote or (with table) a budget
// table.
func (w *pageWriter) prose(r *rand.Rand, c *corpus, size int, table bool) {
	w.inEN = c == &english
	b := &w.body
	b.Reset()
	w.paragraph(r, c)
	tableAt := 1 + r.IntN(3)
	for section := 1; b.Len() < size; section++ {
		b.WriteString("## ")
		if table && section == tableAt {
			b.WriteString(c.costs)
		} else {
			w.text(b, pick(r, c.headings))
		}
		b.WriteString("\n\n")
		for range 1 + r.IntN(2) {
			w.paragraph(r, c)
		}
		switch n := r.IntN(10); {
		case table && section == tableAt:
			w.table(r, c)
		case n < 3:
			w.list(r, c, false)
		case n < 4:
			w.list(r, c, true)
		case n < 6:
			w.text(b, pick(r, c.links))
			b.WriteString("\n\n")
		case n < 7:
			b.WriteString("> ")
			w.text(b, pick(r, c.sentences))
			b.WriteString("\n\n")
		}
	}
}

// paragraph writes three to six sentences, one of them in italics now and
// then.
func (w *pageWriter) paragraph(r *rand.Rand, c *corpus) {
	b := &w.body
	n := 3 + r.IntN(4)
	for k := range n {
		if k > 0 {
			b.WriteByte(' ')
		}
		s := pick(r, c.sentences)
		if r.IntN(12) == 0 && !strings.Contains(s, "*") {
			b.WriteByte('*')
			w.text(b, s)
			b.WriteByte('*')
			continue
		}
		w.text(b, s)
	}
	b.WriteString("\n\n")
}

// list writes three to five items, numbered or not.
func (w *pageWriter) list(r *rand.Rand, c *corpus, numbered bool) {
	b := &w.body
	for k := range 3 + r.IntN(3) {
		if numbered {
			b.WriteString(strconv.Itoa(k + 1))
			b.WriteString(". ")
		} else {
			b.WriteString("- ")
		}
		w.text(b, pick(r, c.items))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
}

// table writes a monthly budget.
func (w *pageWriter) table(r *rand.Rand, c *corpus) {
	b := &w.body
	b.WriteString("| " + c.table[0] + " | " + c.table[1] + " |\n|---|---:|\n")
	total := 0
	for _, row := range c.rows[:3+r.IntN(len(c.rows)-2)] {
		euros := 10 * (2 + r.IntN(40))
		total += euros
		b.WriteString("| " + row + " | " + strconv.Itoa(euros) + " € |\n")
	}
	b.WriteString("| **" + c.total + "** | **" + strconv.Itoa(total) + " €** |\n\n")
}

// portrait is the placeholder photo of the stories that have one: a small
// JPEG, the same for every story.
var portrait = func() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 24, 30))
	for y := range 30 {
		for x := range 24 {
			img.Set(x, y, color.RGBA{uint8(200 - 3*y), uint8(220 - 2*x), 230, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 60}); err != nil {
		panic(err) // cannot happen: encoding to memory does not fail
	}
	return buf.Bytes()
}()
