// The C library (the crisis model's exp, the screen cache's lock), for every file of the core:
// the one place that says which.
#if canImport(Glibc)
    @_exported import Glibc
#elseif canImport(Darwin)
    @_exported import Darwin
#endif
