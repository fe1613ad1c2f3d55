package dev.tunebook.kernel.magic;

import java.nio.file.Path;

/** What the core magics need from the session beyond {@link dev.tunebook.kernel.MagicContext}. */
public interface MagicHost {
    /** Returns the session's magics. */
    MagicRegistry magics();

    /** Returns the help for a magic or Java name, or null when there is none. */
    String help(String name);

    /** Returns the CPU time the cell execution thread has used so far, or -1 when unknown. */
    long executionCpuNanos();

    /**
     * Returns the local Maven repository that {@code %maven} resolves into, or null to take the
     * {@code localRepository} of the Maven settings, else {@code ~/.m2/repository}.
     */
    Path mavenLocalRepository();

    /** Returns the Maven settings files {@code %maven} reads. */
    default MavenSettingsFiles mavenSettings() {
        return MavenSettingsFiles.defaults();
    }
}
