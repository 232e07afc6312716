package io.botfleet.api.cluster;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the control API shows of the cluster: registered by the node's cluster component, only in
 * cluster mode.
 */
@ProviderType
public interface ClusterView {

    /** This node's id. */
    String nodeId();

    /** Every node the database knows, by id. */
    List<ClusterNode> nodes();

    /** This node's lease figures, for {@code /metrics}. */
    ClusterStats stats();
}
