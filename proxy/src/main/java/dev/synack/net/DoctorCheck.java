package dev.synack.net;

import java.util.List;

/** One of the doctor's checks: looks at one side of one proxy and adds what it finds. */
@FunctionalInterface
interface DoctorCheck {
    void check(DoctorSide side, List<DoctorFinding> out);
}
