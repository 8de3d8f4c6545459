# Writes a tar with Python's tarfile in one format: pytar.py ustar|gnu|pax OUT DIR NAME... (used by TarCorpusTest)
import os
import sys
import tarfile

formats = {"ustar": tarfile.USTAR_FORMAT, "gnu": tarfile.GNU_FORMAT, "pax": tarfile.PAX_FORMAT}
out = os.path.abspath(sys.argv[2])
os.chdir(sys.argv[3])
with tarfile.open(out, "w", format=formats[sys.argv[1]]) as archive:
    for name in sys.argv[4:]:
        archive.add(name)
