// Writes a tar with Go's archive/tar in one format: gotar ustar|pax|gnu OUT DIR NAME...
// (the folders NAME... below DIR, walked). Used by TarCorpusTest; GO111MODULE=off, standard library only.
package main

import (
	"archive/tar"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

func main() {
	format := map[string]tar.Format{"ustar": tar.FormatUSTAR, "pax": tar.FormatPAX, "gnu": tar.FormatGNU}[os.Args[1]]
	out, err := os.Create(os.Args[2])
	check(err)
	w := tar.NewWriter(out)
	check(os.Chdir(os.Args[3]))
	for _, top := range os.Args[4:] {
		check(filepath.WalkDir(top, func(path string, entry fs.DirEntry, err error) error {
			check(err)
			info, err := entry.Info()
			check(err)
			header, err := tar.FileInfoHeader(info, "")
			check(err)
			header.Name = path
			if entry.IsDir() {
				header.Name += "/"
			}
			header.Format = format
			header.ModTime = header.ModTime.Truncate(time.Second)
			if format == tar.FormatUSTAR || format == tar.FormatPAX {
				header.AccessTime, header.ChangeTime = time.Time{}, time.Time{}
			} else {
				header.AccessTime, header.ChangeTime = header.AccessTime.Truncate(time.Second), header.ChangeTime.Truncate(time.Second)
			}
			header.Uname, header.Gname = "", ""
			check(w.WriteHeader(header))
			if !entry.IsDir() {
				content, err := os.ReadFile(path)
				check(err)
				_, err = w.Write(content)
				check(err)
			}
			return nil
		}))
	}
	check(w.Close())
	check(out.Close())
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
