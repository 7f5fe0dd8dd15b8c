import GraceCLI

GraceCommand.main()
