package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
)

// Resolver looks up the addresses of a host name; *net.Resolver is one.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// guard dials connections for the fetcher, refusing addresses that no
// public feed lives at (loopback, private, link-local, multicast,
// unspecified) unless the host is one the operator gave, or
// fetch.allow_private is set. The check is made on the address dialled,
// after the name is resolved, so a name that resolves to a public address
// when it is checked and to a private one when it is used (DNS rebinding)
// does not get through, and neither does a redirect from a public feed to
// an internal address.
type guard struct {
	dialer       *net.Dialer
	resolver     Resolver
	allowPrivate bool
}

// trustedHostKey is the context key of the host the operator gave.
type trustedHostKey struct{}

// trustHost returns ctx saying that the host of rawURL was given by the
// operator (it is in the config, or was typed to feeds add): it may be
// private, and so may the redirects that stay on it.
func trustHost(ctx context.Context, rawURL string) context.Context {
	u, err := url.Parse(rawURL)
	if err != nil || u.Hostname() == "" {
		return ctx
	}
	return context.WithValue(ctx, trustedHostKey{}, strings.ToLower(u.Hostname()))
}

// distrust returns ctx saying that no host was given by the operator:
// every address dialled must be public unless fetch.allow_private. An
// item's page is such a request, whatever host its feed is on.
func distrust(ctx context.Context) context.Context {
	return context.WithValue(ctx, trustedHostKey{}, "")
}

// ErrPrivateAddress is wrapped by the error of a refused connection.
var ErrPrivateAddress = errors.New("a private address")

// DialContext resolves addr's host, then dials the first of its addresses
// that may be dialled.
func (g *guard) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	trusted, _ := ctx.Value(trustedHostKey{}).(string)
	mayBePrivate := g.allowPrivate || strings.EqualFold(host, trusted)
	var ips []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		ips = []netip.Addr{ip}
	} else if ips, err = g.resolver.LookupNetIP(ctx, "ip", host); err != nil {
		return nil, err
	}
	var errs []error
	for _, ip := range ips {
		ip = ip.Unmap()
		if !mayBePrivate && !publicAddr(ip) {
			errs = append(errs, fmt.Errorf("refused to connect to %s (%s): %w; only feeds the config names may be private (fetch.allow_private)",
				host, ip, ErrPrivateAddress))
			continue
		}
		conn, err := g.dialer.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
		if err == nil {
			return conn, nil
		}
		errs = append(errs, err)
	}
	if len(errs) == 0 {
		return nil, fmt.Errorf("%s has no address", host)
	}
	return nil, errors.Join(errs...)
}

// carrierNAT is the shared address space of carrier-grade NAT (RFC 6598).
var carrierNAT = netip.MustParsePrefix("100.64.0.0/10")

// publicAddr reports whether ip may be a public server's.
func publicAddr(ip netip.Addr) bool {
	return ip.IsValid() && !ip.IsLoopback() && !ip.IsPrivate() && !ip.IsLinkLocalUnicast() &&
		!ip.IsLinkLocalMulticast() && !ip.IsInterfaceLocalMulticast() && !ip.IsMulticast() &&
		!ip.IsUnspecified() && !carrierNAT.Contains(ip) && !(ip.Is4() && ip.As4()[0] == 0)
}
