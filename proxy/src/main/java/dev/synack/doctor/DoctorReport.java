package dev.synack.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@link Doctor} found: a list of findings, each OK, adjusted, not applied, or a kernel fact. */
public final class DoctorReport {
    private static final String INDENT = "  ";
    private static final String GAP = "  ";

    private final String context;
    private final List<DoctorFinding> findings;
    private final List<String> proxyNames;

    /**
     * @param context one line saying what was examined (transport, where the sysctls came from)
     * @param proxyNames the names of the config's proxies by index, for the group headings
     */
    public DoctorReport(String context, List<DoctorFinding> findings, List<String> proxyNames) {
        this.context = context;
        this.findings = List.copyOf(findings);
        this.proxyNames = List.copyOf(proxyNames);
    }

    /** This report with more findings at the end (the cli adds what the fault registry finds). */
    public DoctorReport with(List<DoctorFinding> more) {
        List<DoctorFinding> all = new ArrayList<>(findings);
        all.addAll(more);
        return new DoctorReport(context, all, proxyNames);
    }

    /** One line saying what was examined: the transport, where the sysctls came from, the privileges. */
    public String context() {
        return context;
    }

    public List<DoctorFinding> findings() {
        return findings;
    }

    /** The findings about one path, in the order they were made. */
    public List<DoctorFinding> about(String path) {
        return findings.stream().filter(f -> f.path().equals(path)).toList();
    }

    public long count(DoctorStatus status) {
        return findings.stream().filter(f -> f.status() == status).count();
    }

    /** True when some requested option will not take effect as asked. */
    public boolean hasProblems() {
        return count(DoctorStatus.WONT_APPLY) > 0;
    }

    /**
     * The report as text for a terminal: the kernel facts, then one block per proxy and side, as a table
     * aligned across all blocks (status, option, value, why; the fix on the line below), ending with a
     * one-line verdict.
     */
    public String render() {
        int statusWidth = "WONT_APPLY".length();
        int optionWidth = findings.stream().mapToInt(f -> f.option().length()).max().orElse(0);
        int valueWidth = findings.stream().mapToInt(f -> f.requested().length()).max().orElse(0);
        String fixIndent = INDENT + " ".repeat(statusWidth + optionWidth + valueWidth) + GAP.repeat(3);
        StringBuilder out = new StringBuilder(context).append('\n');
        for (Map.Entry<String, List<DoctorFinding>> group : groups().entrySet()) {
            out.append('\n').append(heading(group.getKey())).append('\n');
            for (DoctorFinding f : group.getValue()) {
                out.append(INDENT).append(pad(f.status().name(), statusWidth)).append(GAP)
                        .append(pad(f.option(), optionWidth)).append(GAP)
                        .append(pad(f.requested(), valueWidth)).append(GAP)
                        .append(f.why()).append('\n');
                if (f.hasFix()) {
                    out.append(fixIndent).append("fix: ").append(f.fix()).append('\n');
                }
            }
        }
        return out.append('\n').append(verdict()).append('\n').toString();
    }

    /** One line: whether every requested option takes effect, the warnings to heed, and the counts per status. */
    public String verdict() {
        String counts = count(DoctorStatus.ADJUSTED) + " adjusted by the kernel, " + count(DoctorStatus.OK) + " ok, "
                + count(DoctorStatus.INFO) + " for information";
        long warnings = count(DoctorStatus.WARNING);
        String heed = warnings == 0 ? "" : "; heed the " + (warnings == 1 ? "warning" : warnings + " warnings") + " above";
        long problems = count(DoctorStatus.WONT_APPLY);
        if (problems > 0) {
            return "verdict: " + problems + (problems == 1 ? " option will not" : " options will not")
                    + " take effect as asked; apply the fixes above" + heed + " (" + counts + ")";
        }
        return "verdict: every requested option takes effect" + heed + " (" + counts + ")";
    }

    /** Kernel facts first, then the proxies' groups in the order their findings were made. */
    private Map<String, List<DoctorFinding>> groups() {
        Map<String, List<DoctorFinding>> groups = new LinkedHashMap<>();
        findings.stream().filter(f -> f.group().equals(DoctorFinding.KERNEL))
                .forEach(f -> groups.computeIfAbsent(f.group(), k -> new ArrayList<>()).add(f));
        findings.stream().filter(f -> !f.group().equals(DoctorFinding.KERNEL))
                .forEach(f -> groups.computeIfAbsent(f.group(), k -> new ArrayList<>()).add(f));
        return groups;
    }

    /** {@code proxies[0].downstream} reads as {@code proxy web (proxies[0]), downstream}. */
    private String heading(String group) {
        if (!group.startsWith("proxies[")) {
            return group;
        }
        int close = group.indexOf(']');
        int index = Integer.parseInt(group.substring("proxies[".length(), close));
        String name = index < proxyNames.size() ? proxyNames.get(index) : "?";
        String side = close + 2 < group.length() ? ", " + group.substring(close + 2) : "";
        return "proxy " + name + " (" + group.substring(0, close + 1) + ")" + side;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
