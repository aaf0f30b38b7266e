package dev.synack.admin.backend;

import dev.synack.admin.json.GoNumbers;
import dev.synack.admin.model.ApiError;
import dev.synack.admin.model.ApiException;
import dev.synack.admin.model.ToxicCreate;
import dev.synack.admin.model.ToxicPatch;
import dev.synack.admin.model.ToxicView;
import dev.synack.config.FaultStream;
import dev.synack.config.TriggerSpec;
import dev.synack.fault.Fault;
import dev.synack.fault.FaultException;
import dev.synack.fault.FaultRegistry;
import dev.synack.fault.FaultType;
import dev.synack.proxy.ProxyRegistry;
import dev.synack.proxy.ProxyServer;
import dev.synack.proxy.RegistryException;
import java.util.List;
import java.util.Optional;

/**
 * Toxics as faults of the proxy registry: every type of the fault registry can be added (Toxiproxy's and
 * synack's), with Toxiproxy's order of checks — type, name, attributes — and its defaults; a change reaches
 * the proxy's live connections at once, on their own loops. A toxicity outside 0..1, which Toxiproxy takes
 * without a word, is refused like an attribute out of range.
 */
final class Toxics {
    private final ProxyRegistry registry;
    private final ApiSpellings spellings;
    private final ProxyViews views;
    private final boolean nativeTransport;

    Toxics(ProxyRegistry registry, ApiSpellings spellings, ProxyViews views, boolean nativeTransport) {
        this.registry = registry;
        this.spellings = spellings;
        this.views = views;
        this.nativeTransport = nativeTransport;
    }

    ToxicView add(ProxyServer p, ToxicCreate r) throws ApiException {
        FaultType<?> type = FaultRegistry.find(r.type()).orElseThrow(ApiError.INVALID_TOXIC_TYPE::exception);
        Optional<String> missing = type.missing(nativeTransport);
        if (missing.isPresent()) {
            throw ApiError.INVALID_TOXIC_TYPE.exception(type.name() + " cannot run here: " + missing.get());
        }
        if (p.faults().stream().anyMatch(f -> f.name().equals(r.name()))) {
            throw ApiError.TOXIC_ALREADY_EXISTS.exception();
        }
        checkToxicity(r.toxicity());
        FaultStream stream = FaultStream.parse(r.stream());
        Fault fault;
        try {
            fault = Fault.create(r.name(), type.name(), stream, r.toxicity(), List.of(), TriggerSpec.NONE,
                    ToxicAttributes.decode(type, r.attributes()));
        } catch (FaultException e) {
            throw RegistryErrors.fault(e);
        }
        try {
            registry.addFault(p.name(), fault);
        } catch (RegistryException e) {
            throw RegistryErrors.toxic(e);
        }
        spellings.stream(p, fault.name(), r.stream());
        return views.toxic(p, fault);
    }

    ToxicView get(ProxyServer p, String name) throws ApiException {
        return views.toxic(p, fault(p, name));
    }

    /** The attributes given merged into the toxic's, its toxicity set if given; all or nothing. */
    ToxicView update(ProxyServer p, String name, ToxicPatch patch) throws ApiException {
        Fault current = fault(p, name);
        Fault next;
        try {
            next = current.withAttributes(ToxicAttributes.decode(current.type(), patch.attributes()));
        } catch (FaultException e) {
            throw RegistryErrors.fault(e);
        }
        if (patch.toxicity() != null) {
            checkToxicity(patch.toxicity());
            next = next.withToxicity(patch.toxicity());
        }
        try {
            registry.updateFault(p.name(), next);
        } catch (RegistryException e) {
            throw RegistryErrors.toxic(e);
        }
        return views.toxic(p, next);
    }

    void remove(ProxyServer p, String name) throws ApiException {
        try {
            registry.removeFault(p.name(), name);
        } catch (RegistryException e) {
            throw RegistryErrors.toxic(e);
        }
    }

    private Fault fault(ProxyServer p, String name) throws ApiException {
        try {
            return registry.fault(p.name(), name);
        } catch (RegistryException e) {
            throw RegistryErrors.toxic(e);
        }
    }

    private static void checkToxicity(float toxicity) throws ApiException {
        if (!(toxicity >= 0 && toxicity <= 1)) {
            throw ApiError.INVALID_ATTRIBUTE.exception("toxicity: " + GoNumbers.float32(toxicity)
                    + " (expected: a number from 0 to 1, the share of connections it acts on)");
        }
    }
}
