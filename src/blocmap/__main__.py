from blocmap.cli import main

main()
