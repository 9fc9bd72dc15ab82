# Its arguments, as the program sees them.
import sys

print(" ".join(sys.argv[1:]))
