package dev.tunebook.kernel.magic;

import java.util.regex.Pattern;
import org.eclipse.aether.repository.ArtifactRepository;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.transfer.ArtifactTransferException;

/**
 * Rewrites a resolution failure so that its message says what went wrong: Maven Resolver's top
 * message ("Failed to read artifact descriptor") hides the transfer failure beneath it, and a
 * refused login is easier to fix when it says which {@code <server>} was, or was not, used.
 */
final class ResolutionFailure {
    /** Matches the status of a refused login in HttpClient's messages. */
    private static final Pattern REFUSED = Pattern.compile("status code: 40[13]\\b");

    private ResolutionFailure() {}

    /**
     * Returns {@code e} with the transfer failure beneath it, and a credentials hint for a refused
     * login, in its message; {@code e} itself when no transfer failed.
     */
    static DependencyResolutionException explain(
            DependencyResolutionException e, MavenSettings settings) {
        ArtifactTransferException transfer = null;
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ArtifactTransferException found) {
                transfer = found;
            }
        }
        if (transfer == null || transfer.getMessage() == null) {
            return e;
        }
        // The resolver repeats the transfer message in some failures and hides it in others.
        String message = e.getMessage();
        if (message == null || !message.contains(transfer.getMessage())) {
            message = (message == null ? "" : message + ": ") + transfer.getMessage();
        }
        ArtifactRepository repository = transfer.getRepository();
        if (repository != null && REFUSED.matcher(transfer.getMessage()).find()) {
            String id = repository.getId();
            message +=
                    settings.hasServer(id)
                            ? " (the credentials of <server> "
                                    + id
                                    + " in "
                                    + settings.source()
                                    + " were refused)"
                            : " (Maven settings have no <server> with id "
                                    + id
                                    + " to log in with)";
        }
        // The transfer failure as cause keeps the notebook's traceback to the lines that matter.
        return new DependencyResolutionException(e.getResult(), message, transfer);
    }
}
