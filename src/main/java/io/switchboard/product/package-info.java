/** What a tenant sells. */
package io.switchboard.product;
