#!/usr/bin/python3
"""Validate feeds that a running tagfeed serves with the W3C Feed Validator.

usage: validate.py VALIDATOR_SRC BASE_URL PATH...

VALIDATOR_SRC is the src folder of a checkout of github.com/w3c/feedvalidator;
each PATH (such as /feeds/all.atom) is fetched from BASE_URL and validated
as a string, with its own URL as the base, so no other request is made.
Prints each error and warning with its line; exits 1 if any feed has an
error.
"""
import sys
import urllib.request


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    sys.path.insert(0, argv[1])
    import feedvalidator
    from feedvalidator.formatter.text_plain import Formatter
    from feedvalidator.logging import Error, Warning

    base, paths, failed = argv[2].rstrip('/'), argv[3:], False
    for path in paths:
        url = base + path
        body = urllib.request.urlopen(url).read()
        events = feedvalidator.validateString(body, firstOccurrenceOnly=1, base=url)['loggedEvents']
        errors = [e for e in events if isinstance(e, Error)]
        warnings = [e for e in events if isinstance(e, Warning)]
        print('%-40s %d errors, %d warnings' % (path, len(errors), len(warnings)))
        lines = body.decode('utf-8', 'replace').split('\n')
        out = Formatter(events)
        for kind, group in (('error', errors), ('warning', warnings)):
            for e in group:
                line = e.params.get('line') or 0
                print('  %s %s: %s' % (kind, type(e).__name__, out.format(e)))
                if 0 < line <= len(lines):
                    print('    line %d: %s' % (line, lines[line - 1].strip()[:160]))
        failed = failed or bool(errors)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
