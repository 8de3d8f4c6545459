// A scafctl plugin for the tests of the plugin protocol check: a real hashicorp/go-plugin gRPC server.
// What it does comes from the name it is started under (the part after the last '.'), so one
// compiled binary, copied under several names, plays every well- and ill-behaved plugin the tests need.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	pb "scafctltest/proto"
)

var providerHandshake = plugin.HandshakeConfig{
	ProtocolVersion:  1,
	MagicCookieKey:   "SCAFCTL_PLUGIN",
	MagicCookieValue: "scafctl_provider_plugin",
}

var authHandlerHandshake = plugin.HandshakeConfig{
	ProtocolVersion:  2,
	MagicCookieKey:   "SCAFCTL_AUTH_PLUGIN",
	MagicCookieValue: "scafctl_auth_handler_plugin",
}

type providers struct {
	names []string
	hang  bool
}

func (p *providers) GetProviders(ctx context.Context, _ *pb.GetProvidersRequest) (*pb.GetProvidersResponse, error) {
	if p.hang {
		select {} // never answers
	}
	return &pb.GetProvidersResponse{ProviderNames: p.names}, nil
}

type authHandlers struct{ names []string }

func (a *authHandlers) GetAuthHandlers(ctx context.Context, _ *pb.GetAuthHandlersRequest) (*pb.GetAuthHandlersResponse, error) {
	response := &pb.GetAuthHandlersResponse{}
	for _, name := range a.names {
		response.Handlers = append(response.Handlers, &pb.AuthHandlerInfo{
			Name: name, DisplayName: strings.ToUpper(name), Flows: []string{"device_code"}})
	}
	return response, nil
}

// grpcPlugin registers one service on go-plugin's gRPC server; the host side is never used here.
type grpcPlugin struct {
	plugin.NetRPCUnsupportedPlugin
	register func(*grpc.Server)
}

func (g *grpcPlugin) GRPCServer(_ *plugin.GRPCBroker, s *grpc.Server) error {
	g.register(s)
	return nil
}

func (g *grpcPlugin) GRPCClient(context.Context, *plugin.GRPCBroker, *grpc.ClientConn) (interface{}, error) {
	return nil, fmt.Errorf("this test plugin has no host side")
}

func serve(handshake plugin.HandshakeConfig, register func(*grpc.Server)) {
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: handshake,
		Plugins:         map[string]plugin.Plugin{"plugin": &grpcPlugin{register: register}},
		GRPCServer:      plugin.DefaultGRPCServer,
	})
}

func servesProviders(p *providers) func(*grpc.Server) {
	return func(s *grpc.Server) { pb.RegisterPluginServiceServer(s, p) }
}

func main() {
	name := filepath.Base(os.Args[0])
	mode := strings.TrimSuffix(name[strings.LastIndex(name, ".")+1:], ".exe")
	switch mode {
	case "provider":
		serve(providerHandshake, servesProviders(&providers{names: []string{"echo", "aws-s3", "http"}}))
	case "auth-handler":
		serve(authHandlerHandshake, func(s *grpc.Server) {
			pb.RegisterAuthHandlerServiceServer(s, &authHandlers{names: []string{"github", "entra"}})
		})
	case "empty":
		serve(providerHandshake, servesProviders(&providers{}))
	case "hangs":
		serve(providerHandshake, servesProviders(&providers{names: []string{"never"}, hang: true}))
	case "provider-with-auth-cookie":
		// accepts the auth-handler handshake but serves the provider service
		serve(authHandlerHandshake, servesProviders(&providers{names: []string{"echo"}}))
	case "protocol-3":
		serve(plugin.HandshakeConfig{ProtocolVersion: 3, MagicCookieKey: providerHandshake.MagicCookieKey,
			MagicCookieValue: providerHandshake.MagicCookieValue}, servesProviders(&providers{names: []string{"echo"}}))
	case "silent":
		time.Sleep(time.Hour)
	case "malformed":
		fmt.Println("listening on 127.0.0.1:4000")
		time.Sleep(time.Hour)
	case "exits":
		fmt.Fprintln(os.Stderr, "cannot load configuration: /etc/test-plugin.yaml not found")
		os.Exit(3)
	default:
		fmt.Fprintf(os.Stderr, "unknown test plugin mode %q\n", mode)
		os.Exit(2)
	}
}
