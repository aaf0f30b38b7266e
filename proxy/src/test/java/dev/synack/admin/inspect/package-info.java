/** The JSON of synack's own routes, checked without a server. */
package dev.synack.admin.inspect;
