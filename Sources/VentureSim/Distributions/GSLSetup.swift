internal import CGSL

/// GSL's default error handler aborts the process; VentureSim validates
/// every parameter before GSL sees it and switches the handler off once,
/// before its first GSL call, so that no input can abort a batch.
enum GSLSetup {
    static let configured: Void = vs_gsl_disable_abort()
}
