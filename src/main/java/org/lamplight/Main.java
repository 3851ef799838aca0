package org.lamplight; public class Main { public static void main(String[] a){} }
