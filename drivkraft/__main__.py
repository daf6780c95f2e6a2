from drivkraft.cli import main

main()
