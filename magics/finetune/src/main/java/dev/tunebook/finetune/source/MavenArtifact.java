package dev.tunebook.finetune.source;

/**
 * A jar in a Maven repository.
 *
 * @param groupId the group, e.g. {@code dev.langchain4j}
 * @param artifactId the artifact
 * @param version the version
 */
record MavenArtifact(String groupId, String artifactId, String version) {
    /** Returns the jar's path relative to a repository root. */
    String jarPath() {
        return groupId.replace('.', '/')
                + "/"
                + artifactId
                + "/"
                + version
                + "/"
                + artifactId
                + "-"
                + version
                + ".jar";
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
