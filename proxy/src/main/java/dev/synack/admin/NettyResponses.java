package dev.synack.admin;

import dev.synack.admin.model.ApiError;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Date;
import java.util.Map;

/** Turns an {@link ApiResponse} into Netty's HTTP response, with {@code Date}, length and connection headers. */
final class NettyResponses {
    private NettyResponses() {}

    /**
     * @param close whether the connection closes after this response ({@code Connection: close} is sent);
     *              otherwise an HTTP/1.0 client is told {@code keep-alive}
     */
    static FullHttpResponse of(ApiResponse r, HttpVersion version, boolean close) {
        FullHttpResponse res = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(r.status()),
                Unpooled.wrappedBuffer(r.body()));
        if (r.contentType() != null) {
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        }
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            res.headers().set(h.getKey(), h.getValue());
        }
        res.headers().set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
        if (r.status() != 204) {
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        }
        if (close) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (version == HttpVersion.HTTP_1_0) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return res;
    }

    /** An error answered on a connection that closes after it. */
    static FullHttpResponse closing(ApiError error) {
        return of(Replies.error(error), HttpVersion.HTTP_1_1, true);
    }
}
