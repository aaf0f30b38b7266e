package dev.synack.app;

import dev.synack.fault.LatencyBudget;
import dev.synack.observe.Metric;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;

/**
 * The process's own metrics next to synack's: JVM memory, GC, threads and classes, CPU, open file
 * descriptors against the limit (two per proxied connection), uptime, Netty's pooled allocator and the
 * event loops' pending tasks; and what the latency faults hold against their process-wide budget.
 */
final class RuntimeMetrics {
    private RuntimeMetrics() {}

    /** Binds them all; the returned handle stops the ones that listen to the JVM (GC notifications). */
    static AutoCloseable bind(MeterRegistry registry, EventLoopGroup loops) {
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new NettyAllocatorMetrics(PooledByteBufAllocator.DEFAULT).bindTo(registry);
        new NettyEventExecutorMetrics(loops).bindTo(registry);
        LatencyBudget budget = LatencyBudget.shared();
        Gauge.builder(Metric.FAULT_LATENCY_HELD.meterName(), budget, LatencyBudget::held)
                .description(Metric.FAULT_LATENCY_HELD.description()).strongReference(true).register(registry);
        Gauge.builder(Metric.FAULT_LATENCY_BUDGET.meterName(), budget, LatencyBudget::capacity)
                .description(Metric.FAULT_LATENCY_BUDGET.description()).strongReference(true).register(registry);
        return gc;
    }
}
