"""Reports as files (Excel). Plain data in, a file out; no Qt, so the command line uses them too."""
