package dev.scafctl.catalog.local;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/** Says in words why a file operation failed, naming the file and the missing permission rather than an exception class. */
public final class AccessProblem {

    private AccessProblem() {}

    /** {@code e}'s cause as a reader can act on it. */
    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile() + " (the user running the build may not write there;"
                    + " use a catalog folder it can write, or a goal that only reads)";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null && fs.getReason().contains("Read-only file system")) {
            return fs.getFile() + " is on a read-only file system (use a writable catalog folder for goals that write)";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getFile() + ": " + fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
