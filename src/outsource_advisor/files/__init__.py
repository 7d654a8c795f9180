"""Files in and out: strict YAML and JSON reading (`yamlio`), the one door for each kind of file
(`loading`), writes that never leave half a file (`atomic`), and one writer per answers file
(`lock`)."""
