#!/usr/bin/env python
import sys

from drivkraft.cli import main

if __name__ == "__main__":
    sys.argv[0] = "drivkraft"
    main()
