package dev.synack.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synack.config.SynackConfig;
import dev.synack.doctor.Doctor;
import dev.synack.doctor.DoctorFinding;
import dev.synack.doctor.DoctorReport;
import dev.synack.doctor.DoctorStatus;
import dev.synack.net.Sysctls;
import dev.synack.net.Transport;
import dev.synack.proxy.ProxyRegistry;
import dev.synack.proxy.ProxyServer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /synack/doctor}: {@code synack doctor} on the config running now, as JSON:
 * <pre>
 * {"context": "...", "verdict": "...", "problems": false,
 *  "counts": {"OK": 12, "ADJUSTED": 1, "WONT_APPLY": 0, "WARNING": 0, "INFO": 9},
 *  "findings": [{"path", "group", "option", "requested", "status", "why", "fix"}, ...]}
 * </pre>
 * The doctor binds each listen address to see that it is free; a proxy this synack is listening on is not
 * free, and that is as it should be, so its finding says where it listens instead.
 */
final class DoctorJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DoctorJson() {}

    static ObjectNode of(SynackConfig running, Transport transport, ProxyRegistry registry) {
        DoctorReport report = Doctor.examine(running, transport, Sysctls.system());
        List<ProxyServer> proxies = registry.list();
        List<DoctorFinding> findings = new ArrayList<>();
        for (DoctorFinding f : report.findings()) {
            findings.add(listening(f, running, proxies));
        }
        report = new DoctorReport(report.context(), findings, running.proxies().stream().map(p -> p.name()).toList());
        ObjectNode o = MAPPER.createObjectNode();
        o.put("context", report.context());
        o.put("verdict", report.verdict());
        o.put("problems", report.hasProblems());
        ObjectNode counts = o.putObject("counts");
        for (DoctorStatus s : DoctorStatus.values()) {
            counts.put(s.name(), report.count(s));
        }
        ArrayNode list = o.putArray("findings");
        for (DoctorFinding f : report.findings()) {
            list.addObject().put("path", f.path()).put("group", f.group()).put("option", f.option())
                    .put("requested", f.requested()).put("status", f.status().name()).put("why", f.why()).put("fix", f.fix());
        }
        return o;
    }

    /** A listen finding of a proxy this synack has bound: OK, where it listens. */
    private static DoctorFinding listening(DoctorFinding f, SynackConfig running, List<ProxyServer> proxies) {
        for (int i = 0; i < running.proxies().size() && i < proxies.size(); i++) {
            ProxyServer p = proxies.get(i);
            if (f.path().equals("proxies[" + i + "].listen") && p.isListening()) {
                return new DoctorFinding(f.path(), f.requested(), DoctorStatus.OK,
                        "this synack listens there now (" + p.address() + ")", "");
            }
        }
        return f;
    }
}
