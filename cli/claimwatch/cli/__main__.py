from claimwatch.cli.app import main

main()
