/*
 * The two native methods of com.oracle.svm.hosted.ProgressReporterCHelper. A GraalVM distribution
 * ships them as lib/svm/builder/lib/libreporterchelper.so; the builder jars on Maven Central do
 * not, and the builder loads the library at start. Built by analyse.sh with gcc.
 */
#include <jni.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

/* Peak resident set size of this process, in bytes, for the builder's summary; -1 if unknown. */
JNIEXPORT jlong JNICALL
Java_com_oracle_svm_hosted_ProgressReporterCHelper_getPeakRSS0(JNIEnv *env, jclass clazz) {
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0) {
        return -1;
    }
    return (jlong) usage.ru_maxrss * 1024; /* Linux reports kilobytes */
}

/* Width of the terminal on standard output, or -1 when it is not a terminal (a CI log). */
JNIEXPORT jint JNICALL
Java_com_oracle_svm_hosted_ProgressReporterCHelper_getTerminalWindowColumns0(JNIEnv *env, jclass clazz) {
    struct winsize size;
    if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) {
        return -1;
    }
    return size.ws_col;
}
