print("clap")
