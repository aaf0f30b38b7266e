package dev.synack.fault;

/**
 * A fault that acts on the bytes, FIN and RST of one direction: the attributes record of such a type
 * builds the handler that goes into that direction's outbound path, one per connection.
 */
@FunctionalInterface
public interface OutboundFault {
    FaultHandler newHandler(FaultContext context);
}
