package slug_test

import (
	"fmt"

	"github.com/alumni-site/alumni/internal/slug"
)

func ExampleMake() {
	fmt.Println(slug.Make("Życie w Łodzi"))
	fmt.Println(slug.Make("Kraków 2023!"))
	// Output:
	// zycie-w-lodzi
	// krakow-2023
}

func ExampleCheck() {
	fmt.Println(slug.Check("erasmus-w-porto"))
	fmt.Println(slug.Check("../x"))
	fmt.Println(slug.Check("con"))
	// Output:
	// <nil>
	// invalid slug "../x": use lower-case letters, digits and single hyphens
	// invalid slug "con": con is a reserved device name on Windows
}
