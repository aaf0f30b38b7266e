package dev.synack.doctor;

import java.util.List;

/** One of the doctor's checks: looks at one side of one proxy and adds what it finds. */
@FunctionalInterface
interface Check {
    void check(Side side, List<DoctorFinding> out);
}
