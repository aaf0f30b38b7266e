package dev.synack.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads the text of a config: at most {@link #MAX_BYTES} bytes of strict UTF-8, a byte-order mark dropped.
 * Every problem is one {@link ConfigError} in plain words ("no such file", "not valid UTF-8"), never the
 * name of a Java exception.
 *
 * <p>Why 256 KiB: the YAML parser reads dense YAML at a few MB per CPU-second when cold, as it is in the CLI
 * (1 MiB of short entries took 0.5 to 1 CPU-s here), so a quarter of that keeps the slowest file well under a
 * second; and it is a hundred times the largest shipped config (2.5 KB): room for some 250 proxies with every
 * option spelled out, or 2,500 short ones. The cap is checked on the bytes as they are read, so a huge file
 * (or {@code /dev/zero}) costs no more than one just over it: a 10 MB scalar used to take 18 s and 1.4 GB.
 */
final class ConfigText {
    /** The largest config accepted, in bytes of a file or chars of a string. */
    static final int MAX_BYTES = 256 << 10;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private ConfigText() {}

    /** The text of a config file, or every read problem as one error at the file's name. */
    static String read(Path file) throws ConfigException {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw single(source, "a directory", Expect.READABLE);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return decode(in.readNBytes(MAX_BYTES + 1), source);
        } catch (IOException e) {
            throw single(source, problem(e), Expect.READABLE);
        }
    }

    /** The text of a config resource or stream, read the same way as a file. */
    static String read(InputStream in, String source) throws ConfigException {
        try {
            return decode(in.readNBytes(MAX_BYTES + 1), source);
        } catch (IOException e) {
            throw single(source, problem(e), Expect.READABLE);
        }
    }

    /**
     * Config text as the parser gets it: over the cap rejected (a string passed to {@link ConfigLoader#parse}
     * may come from anywhere), a leading byte-order mark dropped.
     */
    static String of(String text, String source) throws ConfigException {
        if (text.length() > MAX_BYTES) {
            throw tooLarge(source);
        }
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    /** A read failure in the words a user knows from the shell. */
    static String problem(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        return reason == null || reason.isBlank() ? "cannot read" : "cannot read: " + reason.strip().toLowerCase(Locale.ROOT);
    }

    private static String decode(byte[] bytes, String source) throws ConfigException {
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(source);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw single(where(bytes, in.position(), source), "not valid UTF-8", Expect.UTF8);
        }
        decoder.flush(out);
        return of(out.flip().toString(), source);
    }

    /** {@code source:line:column} of the byte at {@code offset}, all bytes before it being valid UTF-8. */
    private static String where(byte[] bytes, int offset, String source) {
        String before = new String(bytes, 0, offset, StandardCharsets.UTF_8);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = before.length() - before.lastIndexOf('\n');
        return source + ":" + line + ":" + column;
    }

    private static ConfigException tooLarge(String source) {
        return single(source, "larger than " + Units.formatSize(MAX_BYTES), Expect.SMALL_ENOUGH);
    }

    private static ConfigException single(String path, String found, String expected) {
        return new ConfigException(List.of(new ConfigError(path, found, expected)));
    }
}
