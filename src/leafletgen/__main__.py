from leafletgen.cli import main

main()
