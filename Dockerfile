# tagfeed in a container: a static binary (pure-Go SQLite, no cgo) on a
# distroless base, run as a non-root user. The config and the seeds are
# read from /etc/tagfeed, the database is kept in /var/lib/tagfeed.
#
#   docker build -t tagfeed .
#   docker run -p 8080:8080 -v tagfeed-data:/var/lib/tagfeed tagfeed
#
# To use your own config, mount it over /etc/tagfeed/config.yaml, and set
# its base_url to the address your readers use.

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/tagfeed ./cmd/tagfeed

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/tagfeed /usr/local/bin/tagfeed
COPY --chown=nonroot:nonroot config.yaml /etc/tagfeed/config.yaml
COPY --chown=nonroot:nonroot seeds /etc/tagfeed/seeds
# The config folder and the data folder are volumes: mount your own config
# (and seeds) over the first, keep the database in the second.
VOLUME ["/etc/tagfeed", "/var/lib/tagfeed"]
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/tagfeed", "--config", "/etc/tagfeed/config.yaml", "--db", "/var/lib/tagfeed/tagfeed.db"]
CMD ["serve", "--addr", "0.0.0.0:8080"]
