/**
 * Toxiproxy's JSON, both ways, as Go's {@code encoding/json} writes and reads it: the response shapes with
 * their key order and number formats ({@link dev.synack.admin.json.ToxiproxyJson}), the request decoding
 * with Go's leniency and error messages ({@link dev.synack.admin.json.RequestDecoder}), and the reader of a
 * {@code -config} file ({@link dev.synack.admin.json.PopulateFileReader}), which, unlike Toxiproxy, lists
 * every problem. Imports no Netty.
 */
package dev.synack.admin.json;
