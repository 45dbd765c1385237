public import ArgumentParser
public import TIXnGOSimulator

/// Lets `--shape history|lifecycle` parse straight into the library's shape.
extension ItemShape: ExpressibleByArgument {}
