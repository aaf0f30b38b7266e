package dev.synack.observe;

/** A fault that acted on a connection: its name, its type and the direction of bytes it acted on. */
public record AppliedFault(String name, String type, Direction direction) {}
