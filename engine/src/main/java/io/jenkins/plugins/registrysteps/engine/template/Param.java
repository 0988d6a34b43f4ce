package io.jenkins.plugins.registrysteps.engine.template;

/** The Go parameter types of functions and methods: string, or anything (interface{} / reflect.Value). */
enum Param { STRING, ANY }
